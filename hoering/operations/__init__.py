"""What operators need: health checks for load balancers (``/healthz``, ``/readyz``) and ``flask doctor``."""
