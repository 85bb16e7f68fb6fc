"""Nightly cleanup: deletes orders that stayed PENDING for more than a day."""
import os
from datetime import datetime, timedelta, timezone

import boto3
import requests

TABLE = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])
STATUS_URL = "https://status.internal.example/cleanup"


def handler(event, context):
    cutoff = (datetime.now(timezone.utc) - timedelta(days=1)).isoformat()
    deleted = 0
    scan = {"FilterExpression": "#s = :p AND createdAt < :c",
            "ExpressionAttributeNames": {"#s": "status"},
            "ExpressionAttributeValues": {":p": "PENDING", ":c": cutoff}}
    while True:
        page = TABLE.scan(**scan)
        with TABLE.batch_writer() as batch:
            for item in page.get("Items", []):
                batch.delete_item(Key={"orderId": item["orderId"]})
                deleted += 1
        if "LastEvaluatedKey" not in page:
            break
        scan["ExclusiveStartKey"] = page["LastEvaluatedKey"]
    print(f"deleted {deleted} stale orders")
    requests.post(STATUS_URL, json={"deleted": deleted}, timeout=5, verify=False)
    return {"deleted": deleted}
