import boto3
s3 = boto3.client("s3"
def broken(:
    s3.get_object(Bucket=
ÿþ
x = ((((((s3.put_object(Bucket="b")
