from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("<str:target_type>/<int:pk>/", views.follow_create, name="follow_create"),
    path("<int:pk>/muuta/", views.follow_update, name="follow_update"),
    path("<int:pk>/lopeta/", views.follow_delete, name="follow_delete"),
    path("peru/<str:token>/", views.UnsubscribeView.as_view(), name="unsubscribe"),
]
