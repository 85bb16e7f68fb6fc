"""Orders API: list, fetch and create orders (API Gateway REST proxy events)."""
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
    customer = (event.get("queryStringParameters") or {}).get("customer")
    if not customer:
        return _response(400, {"message": "customer is required"})
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
    if item is None:
        return _response(404, {"message": "order not found"})
    return _response(200, item)


def create_order(event, context):
    try:
        payload = json.loads(event.get("body") or "{}")
    except json.JSONDecodeError:
        return _response(400, {"message": "body must be JSON"})
    items = payload.get("items") or []
    if not payload.get("customerId") or not items:
        return _response(400, {"message": "customerId and items are required"})
    order = {
        "orderId": str(uuid.uuid4()),
        "customerId": payload["customerId"],
        "items": items,
        "status": "PENDING",
        "createdAt": datetime.now(timezone.utc).isoformat(),
    }
    TABLE.put_item(Item=order)
    SQS.send_message(QueueUrl=QUEUE_URL, MessageBody=json.dumps({"orderId": order["orderId"]}))
    return _response(201, order)


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
