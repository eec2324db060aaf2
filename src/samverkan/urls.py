from django.contrib.auth import views as auth_views
from django.urls import include, path

from samverkan.access import user_views
from samverkan.access import views as access_views
from samverkan.audit import views as audit_views
from samverkan.intake import views as intake_views
from samverkan.retention import views as retention_views
from samverkan.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("health", views.health, name="health"),
    path(
        "login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("login/second-factor/", access_views.second_factor, name="second_factor"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("purpose/", access_views.purpose, name="purpose"),
    path("reports/", intake_views.report_list, name="report_list"),
    path("reports/<int:report_id>/", intake_views.report_detail, name="report_detail"),
    path("reports/<int:report_id>/photo/", intake_views.report_photo, name="report_photo"),
    path("audit/", audit_views.audit_trail, name="audit_trail"),
    path("audit/export.csv", audit_views.audit_export, name="audit_export"),
    path("settings/users/", user_views.user_list, name="user_list"),
    path("settings/users/<int:user_id>/", user_views.user_change, name="user_change"),
    path("retention/", retention_views.retention_overview, name="retention"),
    path("", include("samverkan.entities.urls")),
    path("", include("samverkan.leads.urls")),
    path("", include("samverkan.sharing.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("samverkan.api.urls")),
    path("", include("samverkan.imports.urls")),
    path("", include("samverkan.intake.submit_urls")),
]
