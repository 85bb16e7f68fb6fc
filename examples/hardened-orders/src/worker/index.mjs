// Order worker: takes new orders off the queue, stores them and writes a
// receipt to S3. The only writer of the orders table.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import { S3Client, PutObjectCommand } from "@aws-sdk/client-s3";

const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const s3 = new S3Client({});
const { TABLE_NAME, RECEIPTS_BUCKET } = process.env;

function renderReceipt(order) {
  const lines = order.items.map((i) => `${i.sku}\t${i.quantity}\t${i.price}`);
  const total = order.items.reduce((sum, i) => sum + i.quantity * i.price, 0);
  return [`Order ${order.orderId}`, ...lines, `Total\t${total.toFixed(2)}`].join("\n");
}

export const handler = async (event) => {
  const failures = [];
  for (const record of event.Records) {
    try {
      const order = { ...JSON.parse(record.body), status: "CONFIRMED" };
      await ddb.send(new PutCommand({
        TableName: TABLE_NAME,
        Item: order,
        ConditionExpression: "attribute_not_exists(orderId)",
      }));
      await s3.send(new PutObjectCommand({
        Bucket: RECEIPTS_BUCKET,
        Key: `receipts/${order.orderId}.txt`,
        Body: renderReceipt(order),
        ContentType: "text/plain",
      }));
    } catch (err) {
      if (err.name === "ConditionalCheckFailedException") continue;  // redelivered
      console.error("order failed", record.messageId, err.name);
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
};
