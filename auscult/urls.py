from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.urls import serve_pattern

from auscult.core import error_pages, problem_details
from auscult.core import views as core_views
from auscult.members import views as member_views
from auscult.publishing import delivery as publishing_delivery
from auscult.publishing import views as publishing_views
from auscult.publishing.delivery import AUTHORS, shared_view
from auscult.publishing.feeds import LatestArticlesFeed, SectionFeed
from auscult.publishing.sitemaps import SITEMAPS

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("feed/", shared_view(AUTHORS)(LatestArticlesFeed()), name="feed"),
    path("feed/<slug:section>/", shared_view(AUTHORS)(SectionFeed()), name="section_feed"),
    path("search/", publishing_views.search, name="search"),
    path("notice/", member_views.notice_view, name="notice"),
    # Before allauth's own route of the same name: ours also recognises a link to an address already confirmed.
    re_path(
        r"^accounts/confirm-email/(?P<key>[-:\w]+)/$",
        member_views.ConfirmEmailView.as_view(),
        name="account_confirm_email",
    ),
    # Before allauth's too: ours answers a sign-up that lost a race for a unique address or name with the form.
    path("accounts/signup/", member_views.SignupView.as_view(), name="account_signup"),
    path("accounts/", include("allauth.urls")),
    path("account/", include("auscult.members.urls")),
    path("", include("auscult.api.urls")),
    re_path(r"^api/(?P<rest>.*)$", problem_details.not_found, name="api_not_found"),
    path("", include("auscult.comments.urls")),
    path("", include("auscult.notifications.urls")),
    path("", include("auscult.ratings.urls")),
    path("authors/", include("auscult.publishing.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG or settings.AUSCULT["DJANGO_ADMIN"]:
    # Nothing of ours is registered in Django's admin; when it is served, its sign-in is the members' page
    # (allauth's, with its failed sign-in limits) and its own login form takes no password.
    urlpatterns += [
        path("django-admin/login/", secure_admin_login(admin.site.login)),
        path("django-admin/", admin.site.urls),
    ]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [
    # Wagtail's front-end login is Django's LoginView, which no sign-in limit reaches: send it to the members' page.
    path("_util/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    # Wagtail's own URLs (password-restricted pages), then its page view with the route cached (publishing/delivery.py).
    path("", include([url for url in wagtail_urls.urlpatterns if url.name != "wagtail_serve"])),
    re_path(serve_pattern, publishing_delivery.serve, name="wagtail_serve"),
]

handler400 = error_pages.bad_request
handler403 = error_pages.permission_denied
handler404 = error_pages.page_not_found
handler500 = error_pages.server_error
