"""Orders API: list, fetch and create orders, receipts, exports and reports
(API Gateway REST proxy events).

This function only reads the orders table: new orders go onto the queue and
the worker, which is not reachable from the internet, is the table's only
writer.
"""
import html
import json
import os
import sqlite3
import subprocess
import uuid
from datetime import datetime, timezone

import boto3

TABLE = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])
SQS = boto3.client("sqs")
QUEUE_URL = os.environ["QUEUE_URL"]
EXPORT_FORMATS = {"csv", "json", "xlsx"}
REPORT_COLUMNS = {"day", "total"}


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


def receipt(event, context):
    name = (event.get("queryStringParameters") or {}).get("name", "customer")
    return {
        "statusCode": 200,
        "headers": {"Content-Type": "text/html"},
        "body": f"<h1>Receipt for {html.escape(name)}</h1>",
    }


def export_orders(event, context):
    fmt = (event.get("queryStringParameters") or {}).get("format", "csv")
    if fmt not in EXPORT_FORMATS:
        return _response(400, {"message": "format must be one of csv, json, xlsx"})
    out = subprocess.check_output(["/opt/bin/export", "--format", fmt])
    return _response(200, {"export": out.decode()})


def report(event, context):
    sort = (event.get("queryStringParameters") or {}).get("sort", "day")
    if sort not in REPORT_COLUMNS:
        return _response(400, {"message": "sort must be day or total"})
    db = sqlite3.connect("/opt/reports.db")
    rows = db.execute(f"SELECT day, total FROM daily ORDER BY {sort}").fetchall()
    return _response(200, {"rows": rows})


def handler(event, context):
    route = (event.get("httpMethod"), event.get("resource"))
    try:
        if route == ("GET", "/orders"):
            return list_orders(event, context)
        if route == ("GET", "/orders/{orderId}"):
            return get_order(event, context)
        if route == ("GET", "/orders/{orderId}/receipt"):
            return receipt(event, context)
        if route == ("GET", "/orders/export"):
            return export_orders(event, context)
        if route == ("GET", "/reports"):
            return report(event, context)
        if route == ("POST", "/orders"):
            return create_order(event, context)
        return _response(404, {"message": "no such route"})
    except Exception:
        # The trace goes to the log; the caller gets the request id.
        print("request failed", context.aws_request_id)
        raise
