import boto3
from os import environ

dynamodb = boto3.resource('dynamodb')
table = dynamodb.Table(environ['TABLE'])
CLIENTS = {'events': boto3.client('events')}


class Store:
    def __init__(self, bucket_name):
        self.s3 = boto3.Session().resource('s3')
        self.bucket = self.s3.Bucket(bucket_name)

    @property
    def queue(self):
        return boto3.resource('sqs').get_queue_by_name(QueueName='jobs')

    def save(self, key, body):
        self.bucket.Object(key).put(Body=body)
        self.bucket.objects.filter(Prefix='tmp/').delete()
        self.queue.send_message(MessageBody=key)


def handler(event, context):
    with table.batch_writer() as batch:
        batch.put_item(Item=event)
    table.meta.client.describe_table(TableName='orders')
    CLIENTS['events'].put_events(Entries=[{'EventBusName': 'bus', 'Detail': '{}'}])
    Store('media').save('k', b'')
    boto3.resource('sns').Topic('arn:aws:sns:eu-west-1:1:t').publish(Message='m')
