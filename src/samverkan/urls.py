from django.contrib.auth import views as auth_views
from django.urls import include, path

from samverkan.access import views as access_views
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
    path("i18n/", include("django.conf.urls.i18n")),
]
