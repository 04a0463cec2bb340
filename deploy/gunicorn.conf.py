"""gunicorn settings of the portal: `gunicorn -c deploy/gunicorn.conf.py` (see the README's Production section).

Every value can be changed with an environment variable, so one file serves a small VM and a larger server.
"""

import multiprocessing
import os

wsgi_app = "batteryregion.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Synchronous workers: the portal's requests are short and CPU-bound (templates, serializers). Two per core plus
# one is gunicorn's own rule of thumb; each worker holds its own database connection.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
# A request running longer than this is killed and its worker replaced; the slowest page (the gap dashboard at
# ten times today's data) takes about five seconds.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, so that a slow leak in any library cannot grow without bound.
# Workers are recycled now and then (a guard against slow memory growth), rarely: a new worker boots for a second or
# two and starts with an empty page cache. The wide jitter keeps them from restarting
# together: with a narrow one, equally loaded workers reached the limit within a second of each other and the server
# stopped answering while both booted (benchmarks/serving.py).
max_requests = 100000
max_requests_jitter = 50000

# Logs go to stdout/stderr, where systemd's journal (or a container runtime) collects them.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s"'

# The reverse proxy in front sets X-Forwarded-Proto; trust it only from the proxy's own address.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# systemd (or the container runtime) manages the server by signals; gunicorn's control socket would be one more
# thing listening, and two instances on one machine would share its default path.
control_socket_disable = True
