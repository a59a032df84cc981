"""hoering: public consultations, paragraph by paragraph."""
from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l
from werkzeug.middleware.proxy_fix import ProxyFix

from hoering.config import INSTANCE_DIR, settings_from
from hoering.public_url import PublicUrlFlask

PROJECT_DIR = INSTANCE_DIR.parent


def create_app(test_config: dict | None = None) -> Flask:
    app = PublicUrlFlask(
        __name__,
        template_folder=str(PROJECT_DIR / "templates"),
        static_folder=str(PROJECT_DIR / "static"),
        instance_path=str(INSTANCE_DIR),
    )
    app.config.from_mapping(settings_from())
    if test_config:
        app.config.update(test_config)
    INSTANCE_DIR.mkdir(exist_ok=True)
    configure_extensions(app)
    configure_blueprints(app)
    configure_templates(app)
    configure_cli(app)
    return app


def configure_extensions(app: Flask) -> None:
    from hoering import database, languages, public_url, request_log, security
    from hoering.accounts import services as accounts
    from hoering.comments import tallies as comment_tallies
    from hoering.extensions import babel, csrf, db, limiter, login_manager, migrate
    from hoering.mail import sending as mail
    from hoering.page_cache import generation as page_generation
    from hoering.search import schema as search_schema

    db.init_app(app)
    # The search index (columns, FTS5 tables) lives in the database only: autogenerate leaves it alone.
    migrate.init_app(app, db, directory=str(PROJECT_DIR / "migrations"), render_as_batch=True,
                     include_object=search_schema.include_object, include_name=search_schema.include_name)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=languages.select_locale)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Logg inn for å se denne siden.")
    login_manager.login_message_category = "info"
    login_manager.user_loader(accounts.load_user)
    if app.config["PROXY_COUNT"]:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=app.config["PROXY_COUNT"], x_proto=app.config["PROXY_COUNT"])
    database.init_app(app)
    security.init_app(app)
    public_url.init_app(app)
    mail.init_app(app)  # Flask-Mailman, SMTP or the outbox folder; mail_delivery() for templates
    request_log.init_app(app)  # an id for every request, on every response and log line
    comment_tallies.init_app(app)  # the stored comment counts, kept in the transaction of every change
    page_generation.init_app(app)  # every committed change moves the generation cached pages are kept under


def configure_blueprints(app: Flask) -> None:
    from hoering import errors
    from hoering.accounts.views import blueprint as accounts
    from hoering.api.views import blueprint as api
    from hoering.api.pages import blueprint as api_pages
    from hoering.api import bulk as _bulk_files  # noqa: F401 (adds comments.csv and .jsonl to the api blueprint)
    from hoering.audit.views import blueprint as audit
    from hoering.casework.views import blueprint as casework
    from hoering.comments.views import blueprint as comments
    from hoering.consultations.staff_views import blueprint as staff_consultations
    from hoering.consultations.views import blueprint as consultations
    from hoering.exports.views import blueprint as exports
    from hoering.moderation.views import blueprint as moderation
    from hoering.casework.review_views import blueprint as review
    from hoering.summaries.public_views import blueprint as summaries
    from hoering.revisions.public_views import blueprint as versions
    from hoering.revisions.staff_views import blueprint as revisions
    from hoering.responses.staff_views import blueprint as bodies  # and so its models, for the migrations
    from hoering.responses.public_views import blueprint as responses
    from hoering.comments.staff_views import blueprint as answers
    from hoering.notifications.views import blueprint as notifications  # and so its models, for the migrations
    from hoering.feeds.views import blueprint as feeds
    from hoering.sharing.views import blueprint as sharing
    from hoering.topics.public_views import blueprint as topics  # and so its models, for the migrations
    from hoering.topics.staff_views import blueprint as staff_topics
    from hoering.branding.views import blueprint as branding  # and so its models, for the migrations
    from hoering.search.views import blueprint as search
    from hoering.legal.views import blueprint as legal
    from hoering.metrics import views as metrics
    from hoering.operations.views import blueprint as operations
    from hoering.page_cache import pages as page_cache
    from hoering.privacy.views import blueprint as privacy

    app.register_blueprint(consultations)
    app.register_blueprint(comments)
    app.register_blueprint(api)
    app.register_blueprint(api_pages)
    app.register_blueprint(accounts)
    app.register_blueprint(audit)
    app.register_blueprint(staff_consultations)
    app.register_blueprint(moderation)
    app.register_blueprint(casework)
    app.register_blueprint(exports)
    app.register_blueprint(review)
    app.register_blueprint(summaries)
    app.register_blueprint(versions)
    app.register_blueprint(revisions)
    app.register_blueprint(bodies)
    app.register_blueprint(responses)
    app.register_blueprint(answers)
    app.register_blueprint(notifications)
    app.register_blueprint(feeds)
    app.register_blueprint(sharing)
    app.register_blueprint(topics)
    app.register_blueprint(staff_topics)
    app.register_blueprint(branding)
    app.register_blueprint(search)
    app.register_blueprint(legal)
    metrics.init_app(app)  # /metrics and the request counts, when METRICS_ENABLED is on
    app.register_blueprint(operations)
    app.register_blueprint(privacy)
    page_cache.init_app(app)  # cached public pages for readers, and ETag/304 on every public page
    errors.init_app(app)


def configure_templates(app: Flask) -> None:
    from hoering import languages, presentation
    from hoering.branding import services as branding
    from hoering.comments import presentation as comments
    from hoering.consultations import presentation as consultations
    from hoering.revisions import presentation as revisions
    from hoering.topics import urls as topics

    languages.init_app(app)
    presentation.init_app(app)
    comments.init_app(app)
    consultations.init_app(app)
    revisions.init_app(app)
    topics.init_app(app)
    branding.init_app(app)


def configure_cli(app: Flask) -> None:
    from hoering import cli

    cli.init_app(app)
