# The one image of web, worker, migrate and scheduler (compose.yaml; docs/deployment.md).
FROM python:3.11-slim-bookworm

# WeasyPrint's Pango, and the Chinese fonts the report subset is cut from (scripts/system-deps.sh).
RUN apt-get update -qq \
 && apt-get install -y -qq --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 fonts-wqy-microhei fonts-noto-cjk \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /srv/app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .

# The report font subset is prepared once, into the image, not by each process at start-up.
ENV FONT_CACHE_DIR=/srv/fonts
RUN APP_ENV=testing flask --app wsgi reports fonts && rm -rf instance

RUN useradd --system --home /srv/app quality
USER quality
EXPOSE 8000
CMD ["gunicorn", "--config", "gunicorn.conf.py", "--workers", "2", "--bind", "0.0.0.0:8000", "wsgi:app"]
