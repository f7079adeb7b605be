FROM python:3.12-slim
CMD python app.py --port 8080
ENTRYPOINT exec /app/run.sh "$@"
CMD ["python", 'app.py']
