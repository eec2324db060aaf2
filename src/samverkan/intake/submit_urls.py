"""Routes of the report forms (``submit_views``)."""

from __future__ import annotations

from django.urls import path

from samverkan.intake import submit_views

urlpatterns = [
    path("report/", submit_views.report_new, name="report_new"),
    path("report/sent/", submit_views.report_sent, name="report_sent"),
    path("report/identifier/", submit_views.identifier_check_view, name="report_identifier_check"),
    path("report/<slug:slug>/", submit_views.report_entry, name="report_entry"),
]
