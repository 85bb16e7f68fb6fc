"""Orders API: list, fetch and create orders (API Gateway REST proxy events).

This function only reads the orders table: new orders go onto the queue and
the worker, which is not reachable from the internet, is the table's only
writer.
"""
import json
import os
import uuid
from datetime import datetime, timezone

import boto3

TABLE = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])
SQS = boto3.client("sqs")
QUEUE_URL = os.environ["QUEUE_URL"]


def _response(status, body):
    return {
        "statusCode": status,
        "headers": {"Content-Type": "application/json"},
        "body": json.dumps(body, default=str),
    }


def list_orders(event, context):
    # The caller's identity comes from the Cognito authorizer, never from the
    # query string.
    customer = event["requestContext"]["authorizer"]["claims"]["sub"]
    result = TABLE.query(
        IndexName="byCustomer",
        KeyConditionExpression="customerId = :c",
        ExpressionAttributeValues={":c": customer},
        Limit=50,
    )
    return _response(200, {"orders": result.get("Items", [])})


def get_order(event, context):
    order_id = event["pathParameters"]["orderId"]
    item = TABLE.get_item(Key={"orderId": order_id}).get("Item")
    claims = event["requestContext"]["authorizer"]["claims"]
    if item is None or item.get("customerId") != claims["sub"]:
        return _response(404, {"message": "order not found"})
    return _response(200, item)


def create_order(event, context):
    try:
        payload = json.loads(event.get("body") or "{}")
    except json.JSONDecodeError:
        return _response(400, {"message": "body must be JSON"})
    items = payload.get("items") or []
    if not items or len(items) > 100:
        return _response(400, {"message": "between 1 and 100 items are required"})
    order = {
        "orderId": str(uuid.uuid4()),
        "customerId": event["requestContext"]["authorizer"]["claims"]["sub"],
        "items": items,
        "status": "PENDING",
        "createdAt": datetime.now(timezone.utc).isoformat(),
    }
    SQS.send_message(QueueUrl=QUEUE_URL, MessageBody=json.dumps(order))
    return _response(202, {"orderId": order["orderId"], "status": order["status"]})


ROUTES = {
    ("GET", "/orders"): list_orders,
    ("GET", "/orders/{orderId}"): get_order,
    ("POST", "/orders"): create_order,
}


def handler(event, context):
    route = ROUTES.get((event.get("httpMethod"), event.get("resource")))
    if route is None:
        return _response(404, {"message": "no such route"})
    return route(event, context)
