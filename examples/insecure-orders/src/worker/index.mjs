// Order worker: takes orders off the queue, writes a receipt to S3 and marks
// the order as confirmed.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { S3Client, PutObjectCommand } from "@aws-sdk/client-s3";
import { readFileSync, writeFileSync } from "node:fs";

const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const s3 = new S3Client({});
const { TABLE_NAME, RECEIPTS_BUCKET } = process.env;

function renderReceipt(order) {
  const lines = order.items.map((i) => `${i.sku}\t${i.quantity}\t${i.price}`);
  const total = order.items.reduce((sum, i) => sum + i.quantity * i.price, 0);
  return [`Order ${order.orderId}`, ...lines, `Total\t${total.toFixed(2)}`].join("\n");
}

export const handler = async (event) => {
  console.log("batch", JSON.stringify(event));
  const failures = [];
  for (const record of event.Records) {
    try {
      const { orderId } = JSON.parse(record.body);
      const { Item: order } = await ddb.send(new GetCommand({ TableName: TABLE_NAME, Key: { orderId } }));
      if (!order) continue;
      // Keep a copy for the retry after a throttled upload.
      writeFileSync(`/tmp/${orderId}.txt`, renderReceipt(order));
      await s3.send(new PutObjectCommand({
        Bucket: RECEIPTS_BUCKET,
        Key: `receipts/${orderId}.txt`,
        Body: readFileSync(`/tmp/${orderId}.txt`),
        ContentType: "text/plain",
      }));
      await ddb.send(new UpdateCommand({
        TableName: TABLE_NAME,
        Key: { orderId },
        UpdateExpression: "SET #s = :s",
        ExpressionAttributeNames: { "#s": "status" },
        ExpressionAttributeValues: { ":s": "CONFIRMED" },
      }));
    } catch (err) {
      console.error("order failed", record.messageId, err.name);
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
};
