app_name = "selfassessments"
urlpatterns: list = []
