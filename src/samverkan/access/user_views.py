"""Administrators' pages for the users of their organisation. Thin: one service per POST."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from samverkan.access import user_services
from samverkan.access.models import User
from samverkan.access.policy import NotFound, access_managed_user, users_managed_by
from samverkan.access.roles import ROLES_BY_ORGANISATION_KIND, Role


def _admin(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not user.has_role(Role.ADMIN):
        raise Http404
    return user


def _role_choices(admin: User) -> list[tuple[str, str]]:
    assert admin.organisation is not None
    allowed = ROLES_BY_ORGANISATION_KIND[admin.organisation.kind]
    return [(role.value, str(role.label)) for role in Role if role in allowed]


class UserForm(forms.Form):
    username = forms.SlugField(label=gettext_lazy("Username"), max_length=150)
    full_name = forms.CharField(label=gettext_lazy("Full name"), max_length=150)
    roles = forms.MultipleChoiceField(
        label=gettext_lazy("Roles"), widget=forms.CheckboxSelectMultiple
    )
    password = forms.CharField(
        label=gettext_lazy("First password"),
        widget=forms.PasswordInput,
        help_text=gettext_lazy("At least 12 characters; the user should change it."),
    )

    def __init__(self, data: QueryDict | None, *, role_choices: list[tuple[str, str]]) -> None:
        super().__init__(data)
        roles = self.fields["roles"]
        assert isinstance(roles, forms.MultipleChoiceField)
        roles.choices = role_choices


@never_cache
@login_required
def user_list(request: HttpRequest) -> HttpResponse:
    admin = _admin(request)
    form = UserForm(request.POST or None, role_choices=_role_choices(admin))
    if request.method == "POST" and form.is_valid():
        try:
            created = user_services.user_create(by=admin, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error("password", exc)
        except user_services.UserChangeError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("%(name)s can now log in.") % {"name": created.username})
            return redirect("user_list")
    users = users_managed_by(reader=admin).order_by("username")
    return render(request, "access/user_list.html", {"users": users, "form": form})


@never_cache
@login_required
@require_POST
def user_change(request: HttpRequest, user_id: int) -> HttpResponse:
    admin = _admin(request)
    try:
        target = access_managed_user(admin, user_id)
        action = request.POST.get("action", "")
        if action == "roles":
            user_services.user_roles_set(
                by=admin, user_id=target.pk, roles=request.POST.getlist("roles")
            )
        elif action in ("disable", "enable"):
            user_services.user_active_set(by=admin, user_id=target.pk, active=action == "enable")
        elif action == "reset_second_factor":
            user_services.user_second_factor_reset(by=admin, user_id=target.pk)
        elif action == "unlock":
            user_services.user_unlock(by=admin, user_id=target.pk)
        else:
            return HttpResponse(status=400)
    except NotFound:
        raise Http404 from None
    except user_services.UserChangeError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Saved."))
    return redirect("user_list")
