"""The shared vocabulary and the demand side: segments, regions, levels, skills, occupations, actors, needs.

One module per part: vocabulary.py (countries, segments, regions and municipalities, levels, qualification types,
languages, fields of education), esco.py (skills and occupations), actors.py (actors, sites and competence needs),
links.py (the links between actors that form the network), workshops.py (workshops and surveys with
companies, whose results are competence needs), submissions.py (what employers send through the public form, waiting
for review).
The rest of the project imports them from here: `from skills.models import …`."""

from skills.models.actors import (
    Actor,
    CompetenceNeed,
    CompetenceNeedQuerySet,
    Site,
    visible_needs,
)
from skills.models.esco import EscoConcept, Occupation, OccupationSkill, Skill
from skills.models.links import ActorLink, ActorLinkQuerySet
from skills.models.submissions import (
    LEVEL_BANDS,
    LevelBand,
    NeedSubmission,
    SubmittedNeed,
)
from skills.models.vocabulary import (
    LEVEL_VALIDATORS,
    Country,
    EducationField,
    EducationLevel,
    Language,
    Municipality,
    Origin,
    QualificationType,
    Region,
    Segment,
)
from skills.models.workshops import Workshop, WorkshopQuerySet, sees_workshop_contacts

__all__ = [
    "LEVEL_BANDS",
    "LEVEL_VALIDATORS",
    "Actor",
    "ActorLink",
    "ActorLinkQuerySet",
    "CompetenceNeed",
    "CompetenceNeedQuerySet",
    "Country",
    "EducationField",
    "EducationLevel",
    "EscoConcept",
    "Language",
    "LevelBand",
    "Municipality",
    "NeedSubmission",
    "Occupation",
    "OccupationSkill",
    "Origin",
    "QualificationType",
    "Region",
    "Segment",
    "Site",
    "Skill",
    "SubmittedNeed",
    "Workshop",
    "WorkshopQuerySet",
    "sees_workshop_contacts",
    "visible_needs",
]
