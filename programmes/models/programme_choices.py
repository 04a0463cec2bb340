"""The closed lists of values a programme's fields take: what kind of offer it is, its credits, how and at what pace
it is taught, who may apply, and whether it runs today. ``Programme`` carries each under its own name
(``Programme.Kind``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Availability(models.TextChoices):
    RUNNING = "running", _("Running")
    PLANNED = "planned", _("Planned")
    PROPOSED = "proposed", _("Proposed")


class Kind(models.TextChoices):
    DEGREE = "degree", _("Degree programme")
    VOCATIONAL = "vocational", _("Vocational qualification")
    FURTHER_VOCATIONAL = (
        "further_vocational",
        _("Further or specialist vocational qualification"),
    )
    HIGHER_VOCATIONAL = "higher_vocational", _("Higher vocational programme")
    SPECIALISATION = "specialisation", _("Specialisation or conversion programme")
    COURSE = "course", _("Short course")
    MODULE = "module", _("Module")
    APPRENTICESHIP = "apprenticeship", _("Apprenticeship")


class CreditUnit(models.TextChoices):
    ECTS = "ects", _("ECTS credits")
    HP = "hp", _("higher education credits (hp)")
    OSP = "osp", _("competence points (osp)")
    YHP = "yhp", _("higher vocational credits (YH points)")
    GYP = "gyp", _("upper secondary credits")


class DeliveryMode(models.TextChoices):
    ON_SITE = "on_site", _("On site")
    BLENDED = "blended", _("Blended")
    ONLINE = "online", _("Online")


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("Everyone who meets the entry requirements")
    JOB_SEEKERS_FI = "job_seekers_fi", _("Registered job seekers in Finland")
    JOB_SEEKERS_SE = "job_seekers_se", _("Registered job seekers in Sweden")
    EMPLOYEES = "employees", _("Employees of named companies")
    TEACHERS = "teachers", _("Teachers and trainers")
    FOREIGN_DEGREE = "foreign_degree", _("People with a foreign degree")
    RESIDENTS_FI = "residents_fi", _("Residents of Finland")
    RESIDENTS_SE = "residents_se", _("Residents of Sweden")
    RESIDENTS_REGION = "residents_region", _("Residents of a region")


class Pace(models.TextChoices):
    FULL_TIME = "full_time", _("Full-time")
    PART_TIME = "part_time", _("Part-time")
    SELF_PACED = "self_paced", _("Self-paced")
