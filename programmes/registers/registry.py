"""The registers the map can read, by name: the module that reads each, and how its records meet the map's.

``MODULES`` names the module of each register (imported when first used); a register module provides ``NAME`` (the
key here) and ``read(client, query)``. ``SOURCES`` says, per register, which Programme field holds its identifier,
which Actor field holds the provider's, the country, where people apply, the register's home page (the source of a
record that has none), and the battery-relevant search words it is asked for: short words that the register's
full-text search finds in the names and descriptions of the value chain's programmes (batteries, mining and
minerals, process and chemical industry, electrical and automation work, recycling).
"""

from dataclasses import dataclass
from importlib import import_module

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from programmes.models import ApplicationPeriod
from programmes.registers.records import Register, RegisterModule

MODULES: dict[str, str] = {
    Register.OPINTOPOLKU: "programmes.registers.opintopolku",
    Register.SUSA: "programmes.registers.skolverket",
    Register.YH: "programmes.registers.yh",
}


@dataclass(frozen=True)
class RegisterSource:
    name: str
    label: Promise | str
    # programmes.Programme field holding the register's identifier of a programme.
    programme_key: str
    # skills.Actor field holding the provider's identifier in the register.
    actor_key: str
    country: str
    application_service: str
    home_url: str
    keywords: tuple[str, ...]
    # programmes.Programme.Kind of every programme of a register that has one kind only; "" otherwise.
    default_kind: str = ""


SOURCES: dict[str, RegisterSource] = {
    Register.OPINTOPOLKU: RegisterSource(
        name=Register.OPINTOPOLKU,
        label=_("Opintopolku"),
        programme_key="opintopolku_oid",
        actor_key="opintopolku_oid",
        country="FI",
        application_service=ApplicationPeriod.Service.OPINTOPOLKU,
        home_url="https://opintopolku.fi/konfo/",
        # akku battery, kaivos mining, kemia chemistry, prosessi process industry, sähkö electrical, automaatio,
        # kierrätys recycling, and "battery" for programmes in English.
        keywords=(
            "akku",
            "kaivos",
            "kemia",
            "prosessi",
            "sähkö",
            "automaatio",
            "kierrätys",
            "battery",
        ),
    ),
    Register.SUSA: RegisterSource(
        name=Register.SUSA,
        label=_("Susa-navet (Skolverket)"),
        programme_key="susa_id",
        actor_key="organisation_number",
        country="SE",
        application_service=ApplicationPeriod.Service.OTHER,
        home_url="https://www.skolverket.se/om-oss/var-verksamhet/skolverkets-digitala-tjanster/susa-navet",
        # batteri battery, gruv mining, kemi chemistry, process, el electrical, automation, återvinning recycling.
        keywords=(
            "batteri",
            "gruv",
            "kemi",
            "process",
            "elteknik",
            "automation",
            "återvinning",
            "battery",
        ),
    ),
    Register.YH: RegisterSource(
        name=Register.YH,
        label=_("Swedish National Agency for Higher Vocational Education"),
        programme_key="provider_code",
        actor_key="organisation_number",
        country="SE",
        application_service=ApplicationPeriod.Service.PROVIDER,
        home_url="https://www.myh.se/",
        default_kind="higher_vocational",
        keywords=(
            "batteri",
            "gruv",
            "kemi",
            "process",
            "elteknik",
            "automation",
            "återvinning",
            "battery",
        ),
    ),
}


class UnknownRegister(LookupError):
    pass


def register_names() -> list[str]:
    """The registers that have a reading module, in a fixed order."""
    return sorted(name for name in MODULES if name in SOURCES)


def module_for(name: str) -> RegisterModule:
    """The module that reads the register; raises UnknownRegister for a name without one."""
    if name not in MODULES or name not in SOURCES:
        raise UnknownRegister(name)
    module = import_module(MODULES[name])
    if getattr(module, "NAME", None) != name or not callable(
        getattr(module, "read", None)
    ):
        raise UnknownRegister(name)
    return module  # type: ignore[return-value]
