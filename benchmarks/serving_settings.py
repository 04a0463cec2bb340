"""Settings of the serving benchmark (benchmarks/serving.py): the portal's own, plus the address /trivial/.

Everything else, the middleware above all, is exactly the portal's, configured from the same environment variables.
"""

from batteryregion.settings import *  # noqa: F403 (the portal's settings, unchanged)

ROOT_URLCONF = "benchmarks.serving_urls"
