import os
import boto3
from boto3 import client
from boto3.session import Session

TABLE = os.environ['TABLE']
s3 = boto3.client('s3')
_sqs = None


def sqs():
    global _sqs
    if _sqs is None:
        _sqs = Session().client(service_name='sqs')
    return _sqs


def put(c, key):
    c.put_object(Bucket=os.getenv('BUCKET'), Key=key)


async def handler(event, context):
    put(s3, f'k/{event["id"]}')
    sqs().send_message(QueueUrl=os.environ.get('QUEUE', 'q'), MessageBody='m')
    client('dynamodb').execute_statement(Statement='SELECT * FROM orders')
    pages = s3.get_paginator('list_objects_v2').paginate(Bucket='b')
    getattr(s3, event['op'])(Bucket='b')
    boto3.client(event['service'])
    return [p for p in pages]
