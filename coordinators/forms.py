"""Forms of the coordinators' admin: the scoped form every admin form is built on, a coordinator account with its
scope, and the invitation e-mail."""

from collections.abc import Iterator
from typing import Any

from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.models import AbstractBaseUser, User
from django.core.exceptions import ValidationError
from django.db.models import Model, Q
from django.forms.models import BaseInlineFormSet
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from coordinators import permissions
from coordinators.models import Coordinator
from programmes.models import Offering


class ScopedFormMixin:
    """Limits the choices of related fields to what the user may use, and refuses values outside their scope."""

    acting_user: Any = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.acting_user is not None:
            limit_choices(self, self.acting_user)

    def _post_clean(self) -> None:
        super()._post_clean()
        if self.acting_user is None or self.errors:
            return
        # A workshop within reach only through its regions is judged with the regions chosen (not yet saved).
        regions = self.cleaned_data.get("regions")
        if permissions.holds(self.acting_user, self.instance, regions=regions) is False:
            self.add_error(
                None,
                _(
                    "You may only save records of your own organisations, regions or side of the border. Choose values within them."
                ),
            )


class ScopedFormSetMixin:
    """An inline formset of a programme's offerings may not move the programme out of the user's regions."""

    acting_user: Any = None

    def clean(self) -> None:
        super().clean()
        if self.acting_user is None or self.model is not Offering:
            return
        sites = [
            form.cleaned_data["site"]
            for form in self.forms
            if form.cleaned_data.get("site") and not form.cleaned_data.get("DELETE")
        ]
        if permissions.holds(self.acting_user, self.instance, sites=sites) is False:
            raise ValidationError(
                _(
                    "Keep at least one offering at a site in your regions: otherwise the programme is no longer yours to change."
                )
            )


def limit_choices(form: forms.BaseForm, user: Any) -> None:
    """Narrow every related field of a model form to the records the user may pick, keeping the current value."""
    model = form._meta.model
    for name, field in form.fields.items():
        if not isinstance(field, forms.ModelChoiceField):
            continue
        allowed = permissions.choices_for(user, model, name)
        if allowed is None:
            continue
        field.queryset = field.queryset.filter(
            Q(pk__in=allowed.values("pk")) | Q(pk__in=_current_ids(form.instance, name))
        )


def _current_ids(instance: Model, name: str) -> list[object]:
    field = instance._meta.get_field(name)
    if field.many_to_many:
        if instance.pk is None:
            return []
        return list(getattr(instance, name).values_list("pk", flat=True))
    value = getattr(instance, field.attname)
    return [] if value is None else [value]


class ScopedModelForm(ScopedFormMixin, forms.ModelForm):
    pass


class ScopedInlineFormSet(ScopedFormSetMixin, BaseInlineFormSet):
    pass


def scoped_form(form_class: type[forms.BaseForm], user: Any) -> type[forms.BaseForm]:
    """The admin's form class for one request (a new class per request), knowing whose choices to limit."""
    if not issubclass(form_class, ScopedFormMixin):
        # An admin class with a form of its own: wrap it (Django builds its fields once more).
        form_class = type(form_class.__name__, (ScopedFormMixin, form_class), {})
    form_class.acting_user = user
    return form_class


class InvitationMailForm(PasswordResetForm):
    """Django's password-reset e-mail, sent to one invited account, which has no usable password yet."""

    def __init__(self, user: User) -> None:
        super().__init__(data={"email": user.email})
        self.invited = user

    def get_users(self, email: str) -> Iterator[AbstractBaseUser]:
        # Django's form skips accounts without a usable password; an invited account has none until it sets one.
        yield self.invited


class CoordinatorForm(ScopedFormMixin, forms.ModelForm):
    """A coordinator's account (name, e-mail, active) and scope (role, side, organisations, regions).

    Without an instance it invites: the account is created with the e-mail address as its username and receives a
    set-password link. The admin sets ``acting_user``; roles and sides are limited to what that user may give.
    """

    email = forms.EmailField(
        label=capfirst(_("e-mail address")),
        help_text=_("The set-password link is sent here; it is also the username."),
    )
    first_name = forms.CharField(
        label=capfirst(_("first name")), max_length=150, required=False
    )
    last_name = forms.CharField(
        label=capfirst(_("last name")), max_length=150, required=False
    )
    is_active = forms.BooleanField(
        label=capfirst(_("active")),
        required=False,
        initial=True,
        help_text=_(
            "An inactive coordinator can no longer log in; their changes stay in the history."
        ),
    )

    class Meta:
        model = Coordinator
        fields = ["role", "side", "organisations", "regions"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = self.instance.user if self.instance.user_id else None
        if user is not None:
            for name in ("email", "first_name", "last_name", "is_active"):
                self.initial.setdefault(name, getattr(user, name))
        acting = self.acting_user
        if acting is not None and "role" in self.fields:
            allowed = permissions.assignable_roles(acting)
            self.fields["role"].choices = [
                choice for choice in self.fields["role"].choices if choice[0] in allowed
            ]
        if acting is not None and "side" in self.fields:
            allowed = permissions.assignable_sides(acting)
            self.fields["side"].choices = [
                choice for choice in self.fields["side"].choices if choice[0] in allowed
            ]
            if len(allowed) == 1:
                self.fields["side"].initial = allowed[0]

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip()
        others = User.objects.filter(email__iexact=email) | User.objects.filter(
            username__iexact=email
        )
        if self.instance.user_id:
            others = others.exclude(pk=self.instance.user_id)
        if others.exists():
            raise forms.ValidationError(
                _("An account with this e-mail address already exists.")
            )
        return email
