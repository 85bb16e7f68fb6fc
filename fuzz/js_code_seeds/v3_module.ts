1import { S3Client, GetObjectCommand, paginateListObjectsV2 } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, DynamoDBDocument } from '@aws-sdk/lib-dynamodb';
import { Upload } from '@aws-sdk/lib-storage';
import * as sqs from '@aws-sdk/client-sqs';
import type { Context } from 'aws-lambda';

const BUCKET: string = process.env.BUCKET!;
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
let cached: S3Client | undefined;
function client(): S3Client {
  if (!cached) cached = new S3Client({});
  return cached;
}

export class Repo {
  constructor(private readonly docs: DynamoDBDocumentClient, private q = new sqs.SQSClient({})) {}
  async save(item: Record<string, unknown>): Promise<void> {
    const cmd = new PutCommand({ TableName: 'items', Item: item });
    await this.docs.send(cmd);
    await this.q.send(new sqs.SendMessageCommand({ QueueUrl: `q`, MessageBody: '' }));
  }
}

export const handler = async (event: any, ctx: Context): Promise<void> => {
  await client()!.send<any>(new GetObjectCommand({ Bucket: BUCKET as string, Key: <string>event.key }));
  await new Upload({ client: client(), params: { Bucket: BUCKET, Key: 'k', Body: '' } }).done();
  for await (const page of paginateListObjectsV2({ client: client() }, { Bucket: BUCKET })) {}
  await DynamoDBDocument.from(new DynamoDBClient({})).put({ TableName: 't', Item: {} });
  await doc.send(event.command);
};
export default handler;
