import hashlib
import hmac
import os


def handler(event, context):
    signature = event["headers"].get("stripe-signature", "")
    expected = hmac.new(os.environ["SIGNING_SECRET"].encode(), event["body"].encode(),
                        hashlib.sha256).hexdigest()
    if signature != expected:
        return {"statusCode": 401}
    return {"statusCode": 200}
