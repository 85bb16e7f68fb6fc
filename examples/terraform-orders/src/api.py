import json
import os

import boto3

table = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])


def handler(event, context):
    if event["httpMethod"] == "POST":
        order = json.loads(event["body"])
        table.put_item(Item=order)
        return {"statusCode": 201, "body": json.dumps(order)}
    return {"statusCode": 200, "body": json.dumps(table.scan()["Items"])}
