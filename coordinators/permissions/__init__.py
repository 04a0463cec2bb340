"""Who may view, add, change and delete which record: every such decision of the portal is made here.

Roles (``role_of``):

- anonymous visitors and logged-in users who are not staff: nothing in the admin;
- staff without a coordinator record: what their model permissions let them see, read-only;
- coordinators: the programmes (with their entry requirements, offerings and intakes), sites, competence needs and
  workshops or surveys (organised by one of their organisations or held for one of their regions; the needs of a
  workshop follow it) of their organisations or in their regions and subregions, their organisations' own actor records, and the links
  between actors (the network) that have one of their organisations on either side; they see the rest read-only;
- lead coordinators: everything a coordinator of their side of the border can be given (every record whose actor or
  region is on their side), the actors themselves, every link between actors with an actor of their side on
  either end (a link across the border is both leads'), the shared vocabulary, the coordinator accounts of their side,
  and the partner API keys of both sides (issue, see, revoke);
- cooperation actions (with their participants and figures): every coordinator may start one; a coordinator
  changes the actions one of their organisations takes part in or that they are responsible for, a lead
  coordinator every action of their side (an organisation of the side takes part, or a coordinator of the side is
  responsible: an action of both sides belongs to both leads);
- news items and lessons learned: lead coordinators write, change and delete them (any side: the news is the
  partnership's), and they alone open an item that is not public yet (a draft, or one dated later) on its page;
  coordinators read them in the admin;
- employers' submissions (the public needs form) and their needs: they arrive only through the form; the
  coordinators of the submission's region or of the organisation it names (a lead: their side) see and decide them,
  nobody else sees them (they hold a contact person's details); only superusers delete them;
- snapshots of the map (gaps/snapshots): every coordinator may take one; lead coordinators correct their titles;
  their content never changes, and only superusers delete one (a snapshot is what the partnership reported);
- imports (batteryregion/imports): coordinators and leads who edit records upload files; each row then changes only
  what they may add or change (the rules above); a job is its uploader's (superusers see all);
- national registers (programmes/registers/): lead coordinators fetch the registers of their side of the border and
  apply what they say (registers.py), superusers every register;
- superusers: everything; they alone delete vocabulary and coordinator records and partner API keys (a key is
  revoked, not deleted, so that its use stays on record).

Nobody deletes a record that other records refer to (``coordinators.selectors.referring_records``); programmes,
actors and needs are discontinued instead. Django's model permissions (the coordinators' groups) stay the coarse
layer: the admin asks both, and this package is the fine one.

The package: scope.py (roles, a user's scope, the kinds of records), records.py (view, add, change, delete, and
whether a record about to be saved stays within reach), offers.py (what the public pages offer a user: previews,
starting an action, recording planned training, taking a snapshot), registers.py (who fetches the national
registers), choices.py (what a user may pick in the forms they edit, and the roles and sides they may give). Import everything from here: ``from coordinators import
permissions``.
"""

from coordinators.permissions.choices import (
    assignable_roles,
    assignable_sides,
    choices_for,
    locked_coordinator_fields,
)
from coordinators.permissions.offers import (
    may_import,
    may_preview_drafts,
    may_preview_news,
    may_record_planned_training,
    may_see_import,
    may_start_actions,
    may_take_snapshots,
)
from coordinators.permissions.records import (
    can_add,
    can_change,
    can_delete,
    can_view,
    editable_by,
    holds,
)
from coordinators.permissions.registers import may_fetch_register
from coordinators.permissions.scope import (
    ACTION_PARTS,
    ACTIONS,
    EDITORS,
    INTAKE,
    INTAKE_PARTS,
    NETWORK,
    NEWS,
    OFFERING_PARTS,
    PARTNER_KEYS,
    PORTAL_INFORMATION,
    PROGRAMME_PARTS,
    SCOPED,
    SNAPSHOTS,
    VOCABULARY,
    Role,
    Scope,
    User,
    forget_scope,
    role_of,
    scope_of,
)

__all__ = [
    "ACTIONS",
    "ACTION_PARTS",
    "EDITORS",
    "INTAKE",
    "INTAKE_PARTS",
    "NETWORK",
    "NEWS",
    "OFFERING_PARTS",
    "PARTNER_KEYS",
    "PORTAL_INFORMATION",
    "PROGRAMME_PARTS",
    "Role",
    "SCOPED",
    "SNAPSHOTS",
    "Scope",
    "User",
    "VOCABULARY",
    "assignable_roles",
    "assignable_sides",
    "can_add",
    "can_change",
    "can_delete",
    "can_view",
    "choices_for",
    "editable_by",
    "forget_scope",
    "holds",
    "locked_coordinator_fields",
    "may_fetch_register",
    "may_preview_drafts",
    "may_import",
    "may_preview_news",
    "may_see_import",
    "may_record_planned_training",
    "may_start_actions",
    "may_take_snapshots",
    "role_of",
    "scope_of",
]
