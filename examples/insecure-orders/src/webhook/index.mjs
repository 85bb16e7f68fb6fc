// Payment webhook: the payment provider posts payment events here; paid
// orders are announced on the order-events topic.
import { createHmac } from "node:crypto";
import { SNSClient, PublishCommand } from "@aws-sdk/client-sns";

const sns = new SNSClient({});

export const handler = async (event) => {
  const body = event.isBase64Encoded ? Buffer.from(event.body, "base64").toString() : event.body;
  const signature = event.headers?.["x-payment-signature"] ?? "";
  const expected = createHmac("sha256", process.env.WEBHOOK_SECRET).update(body).digest("hex");
  if (signature !== expected) {
    return { statusCode: 401, body: "bad signature" };
  }
  const payment = JSON.parse(body);
  if (payment.callbackUrl) {
    // Tell the shop front the payment arrived.
    await fetch(payment.callbackUrl, { method: "POST", body: JSON.stringify({ orderId: payment.orderId }) });
  }
  if (payment.type === "payment.succeeded") {
    await sns.send(new PublishCommand({
      TopicArn: process.env.EVENTS_TOPIC_ARN,
      Message: JSON.stringify({ orderId: payment.orderId, status: "PAID" }),
    }));
  }
  return { statusCode: 204 };
};
