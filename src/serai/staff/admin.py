"""Staff in the back office: whoever holds "Can manage staff roles" adds editors and moderators
and changes their roles; superusers are listed but never changed here, and nobody changes their
own roles or gives a role whose permissions they lack (serai.staff.services)."""

from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from serai.core.admin import SafeLookupsMixin
from serai.staff.forms import StaffChangeForm, StaffCreationForm
from serai.staff.models import StaffMember
from serai.staff.roles import MANAGE_STAFF_ROLES, ROLES, roles_of
from serai.staff.services import may_manage, staff_save


@admin.register(StaffMember)
class StaffMemberAdmin(SafeLookupsMixin, admin.ModelAdmin):
    list_display = ["username", "email", "roles", "is_active", "is_superuser", "last_login"]
    list_filter = ["groups", "is_active"]
    search_fields = ["username", "email"]
    ordering = ["username"]

    def get_queryset(self, request):
        role_groups = [role.group_name for role in ROLES]
        return (
            super()
            .get_queryset(request)
            .filter(Q(is_staff=True) | Q(groups__name__in=role_groups))
            .distinct()
            .prefetch_related("groups")
        )

    @admin.display(description=_("roles"))
    def roles(self, obj):
        return ", ".join(str(role.label) for role in roles_of(obj)) or "—"

    def get_form(self, request, obj=None, change=False, **kwargs):
        base = StaffChangeForm if obj is not None else StaffCreationForm
        return type(base.__name__, (base,), {"requester": request.user})

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [(None, {"fields": ["username", "email", "password1", "password2", "roles"]})]
        return [(None, {"fields": ["email", "roles", "is_active"]})]

    def get_readonly_fields(self, request, obj=None):
        return []

    def has_module_permission(self, request):
        return request.user.has_perm(MANAGE_STAFF_ROLES)

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(MANAGE_STAFF_ROLES)

    def has_add_permission(self, request):
        return request.user.has_perm(MANAGE_STAFF_ROLES)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return request.user.has_perm(MANAGE_STAFF_ROLES)
        return may_manage(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        staff_save(account=obj, roles=form.cleaned_data["roles"], changed_by=request.user)

    def save_related(self, request, form, formsets, change):
        """Roles are the only relations this form changes, and staff_save has set them."""
