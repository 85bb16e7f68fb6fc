import json
import os


def create(body):
    os.system(body["cmd"])


def remove(body):
    return body


ROUTES = {"create": create, "remove": remove, "n": 1}


def handler(event, context):
    route = ROUTES.get(event["pathParameters"]["action"], remove)
    ROUTES[event["action"]](json.loads(event["body"]))
    return route(event)
