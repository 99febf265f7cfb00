#!/usr/bin/env bash
# `make test-scale`: two Rasa servers sharing a PostgreSQL tracker store and a Redis lock store,
# behind nginx, tried on 127.0.0.1 (docs/deploy.md). Installs Debian's postgresql, redis-server and
# nginx-light when they are missing (needs root or sudo and apt-get), then runs tests/scale/ with
# pytest. The test starts its own PostgreSQL cluster, Redis and nginx on free ports in temporary
# directories and removes them at the end, failed or not; it never touches a system-wide one.
set -euo pipefail
cd "$(dirname "$0")/.."

have_postgres() { compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || command -v initdb >/dev/null; }
have_redis() { command -v redis-server >/dev/null || [ -x /usr/bin/redis-server ]; }
have_nginx() { command -v nginx >/dev/null || [ -x /usr/sbin/nginx ]; }

missing=()
have_postgres || missing+=(postgresql)
have_redis || missing+=(redis-server)
have_nginx || missing+=(nginx-light)
if [ ${#missing[@]} -gt 0 ]; then
  scripts/apt-install.sh "${missing[@]}"
  have_postgres && have_redis && have_nginx || { echo "test-scale: ${missing[*]} still missing after apt-get" >&2; exit 1; }
fi

# Named explicitly: pytest.ini leaves tests/scale/ out of the default `make test` run.
exec .venv/bin/python -m pytest tests/scale -v -p no:cacheprovider "$@"
