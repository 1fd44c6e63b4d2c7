"""A bare Flask JSON endpoint: the ceiling the API's throughput is compared with."""

from flask import Flask, jsonify

app = Flask(__name__)


@app.get("/bare")
def bare():
    return jsonify(status="ok")
