# syntax=docker/dockerfile:1
# Doorstep in production: gunicorn serving the API and the built PWA on port 8000.
#
#   docker build -t doorstep .
#   docker run -p 8000:8000 -e SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_hex(32))') \
#       -e DATABASE_URL=postgresql://user:pass@db-host/doorstep doorstep
#
# Two stages: Node is needed only to bundle the PWA, so the final image carries Python alone.

# --- stage 1: bundle the PWA (esbuild) into pwa/dist ------------------------------------------
FROM node:20-slim AS pwa
WORKDIR /src
# The lock files first, so the npm layer is reused while dependencies are unchanged.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
# The whole context (see .dockerignore): the build may import shared modules from outside pwa/.
COPY . .
RUN npm run build

# --- stage 2: the server ----------------------------------------------------------------------
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    FLASK_APP=server \
    DOORSTEP_ENV=production \
    PWA_DIST=/app/pwa/dist

RUN useradd --create-home --uid 1000 doorstep
WORKDIR /app

# Source owned by root and read-only to the app user; only instance/ is writable by it.
COPY . .
# Editable, so the app runs from /app, where server/migrations and pwa/dist are (psycopg[binary]
# brings its own libpq: no system packages needed).
RUN pip install -e '.[pg]' \
    && mkdir -p instance \
    && chown doorstep:doorstep instance \
    && chmod +x boot.sh
COPY --from=pwa /src/pwa/dist ./pwa/dist

USER doorstep
EXPOSE 8000
# urlopen raises on any non-2xx answer (503 when the database is down), which fails the check.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/api/health', timeout=4)"]
CMD ["./boot.sh"]
