from django.apps import AppConfig


class LeadsConfig(AppConfig):
    name = "samverkan.leads"
    label = "leads"
    verbose_name = "Leads"
