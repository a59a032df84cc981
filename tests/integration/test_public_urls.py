"""Public URLs are promises: they are cited in letters and memos. Removing one must fail here."""
PUBLIC_RULES = {
    ("/", "GET"),
    ("/hoeringer/<slug>", "GET"),
    ("/hoeringer/<slug>/<anchor>", "GET"),
    ("/hoeringer/<slug>/<anchor>", "POST"),
    ("/hoeringer/<slug>/hele-dokumentet", "GET"),
    ("/hoeringer/<slug>/hele-dokumentet", "POST"),
    ("/hoeringer/<slug>/kommentarer/<int:comment_id>", "GET"),
    ("/hoeringer/<slug>/kommentarer/<int:comment_id>/enig", "POST"),
    ("/hoeringer/<slug>/kommentarer/<int:comment_id>/meld-fra", "GET"),
    ("/hoeringer/<slug>/kommentarer/<int:comment_id>/meld-fra", "POST"),
    ("/hoeringer/<slug>/oppsummering", "GET"),
    ("/hoeringer/<slug>/dokument/<anchor>", "GET"),
    ("/hoeringer/<slug>/versjoner/<int:number>", "GET"),
    ("/hoeringer/<slug>/versjoner/<int:number>/dokument/<anchor>", "GET"),
    ("/hoeringer/<slug>/versjoner/<int:number>/<anchor>", "GET"),
    ("/hoeringer/<slug>/versjoner/<int:number>/endringer", "GET"),
    ("/hoeringer/<slug>/versjoner/<int:number>/kilde.md", "GET"),
    ("/hoeringer/<slug>/endringer", "GET"),
    ("/hoeringer/<slug>/hoeringssvar", "GET"),
    ("/hoeringer/<slug>/hoeringssvar/ny", "GET"),
    ("/hoeringer/<slug>/hoeringssvar/ny", "POST"),
    ("/api/v1/consultations/<slug>/responses", "GET"),
    ("/hoeringer/<slug>/hoeringssvar/<int:response_id>/vedlegg/<int:attachment_id>", "GET"),
    ("/hoeringer/<slug>/svar/<token>/vedlegg/<int:attachment_id>", "GET"),
    ("/hoeringer/<slug>/svar/<token>", "GET"),
    ("/hoeringer/<slug>/svar/<token>", "POST"),
    ("/hoeringer/bilder/<image_id>", "GET"),
    ("/api", "GET"),
    ("/api/v1/openapi.json", "GET"),
    ("/api/v1/consultations", "GET"),
    ("/api/v1/consultations/<slug>", "GET"),
    ("/api/v1/consultations/<slug>/comments", "GET"),
    ("/api/v1/consultations/<slug>/comments.csv", "GET"),
    ("/api/v1/consultations/<slug>/comments.jsonl", "GET"),
    ("/api/v1/consultations/<slug>/versions/<int:number>", "GET"),
    ("/logg-inn", "GET"),
    ("/logg-inn", "POST"),
    ("/sprak", "POST"),
    ("/varsler/avmeld/<token>", "GET"),
    ("/varsler/avmeld/<token>", "POST"),
    ("/hoeringer/<slug>/folg", "GET"),
    ("/hoeringer/<slug>/folg", "POST"),
    ("/hoeringer/<slug>/<anchor>/folg", "GET"),
    ("/hoeringer/<slug>/<anchor>/folg", "POST"),
    ("/varsler/bekreft/<token>", "GET"),
    ("/varsler/bekreft/<token>", "POST"),
    ("/hoeringer/<slug>/kommentarer/<int:comment_id>/sendt", "GET"),
    ("/innspill/<token>", "GET"),
    ("/innspill/<token>", "POST"),
    ("/innspill/<token>/trekk-tilbake", "POST"),
    ("/emner/<slug>", "GET"),
    ("/omrader/<slug>", "GET"),
    ("/emner/<slug>.atom", "GET"),
    ("/omrader/<slug>.atom", "GET"),
    ("/emner/<slug>/folg", "GET"),
    ("/emner/<slug>/folg", "POST"),
    ("/omrader/<slug>/folg", "GET"),
    ("/omrader/<slug>/folg", "POST"),
    ("/hoeringer.atom", "GET"),
    ("/hoeringer/<slug>/innspill.atom", "GET"),
    ("/hoeringer/<slug>/deling.png", "GET"),
    ("/hoeringer/<slug>/<anchor>/deling.png", "GET"),
    ("/merke/logo", "GET"),
    ("/merke/tema.css", "GET"),
    ("/sok", "GET"),
    ("/personvern", "GET"),
    ("/tilgjengelighet", "GET"),
    ("/healthz", "GET"),
    ("/readyz", "GET"),
}


def test_every_promised_public_url_is_still_served(app):
    served = {(rule.rule, method) for rule in app.url_map.iter_rules() for method in rule.methods}
    assert PUBLIC_RULES - served == set()


def test_every_public_url_served_is_promised(app):
    """A new public URL is a new promise: add it above (and to the README) on purpose."""
    from hoering.accounts.access import PUBLIC

    promised = {rule for rule, _ in PUBLIC_RULES}
    public = {
        rule.rule
        for rule in app.url_map.iter_rules()
        if getattr(app.view_functions[rule.endpoint], "access_rule", None) == PUBLIC
    }
    assert public - promised == set()


def test_metrics_are_served_only_when_switched_on(settings):
    """/metrics is for the operator's Prometheus, kept from the public at the proxy: no promise, so not
    listed above. It exists only with METRICS_ENABLED (README, "Metrics")."""
    from hoering import create_app

    def rules(app):
        return {rule.rule for rule in app.url_map.iter_rules()}

    assert "/metrics" not in rules(create_app(settings))
    assert "/metrics" in rules(create_app({**settings, "METRICS_ENABLED": True}))
