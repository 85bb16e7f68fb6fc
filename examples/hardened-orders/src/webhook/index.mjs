// Payment webhook: the payment provider posts payment events here (through
// the API, with its API key); paid orders are announced on the order-events
// topic. The signing secret is read from Secrets Manager at run time, never
// from the environment.
import { createHmac, timingSafeEqual } from "node:crypto";
import { SNSClient, PublishCommand } from "@aws-sdk/client-sns";
import { SecretsManagerClient, GetSecretValueCommand } from "@aws-sdk/client-secrets-manager";

const sns = new SNSClient({});
const secrets = new SecretsManagerClient({});
let signingSecret;

async function secret() {
  if (!signingSecret) {
    const out = await secrets.send(new GetSecretValueCommand({ SecretId: process.env.WEBHOOK_SECRET_ARN }));
    signingSecret = out.SecretString;
  }
  return signingSecret;
}

export const handler = async (event) => {
  const body = event.isBase64Encoded ? Buffer.from(event.body, "base64").toString() : event.body;
  const signature = Buffer.from(event.headers?.["x-payment-signature"] ?? "", "hex");
  const expected = createHmac("sha256", await secret()).update(body).digest();
  if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) {
    return { statusCode: 401, body: "bad signature" };
  }
  const payment = JSON.parse(body);
  if (payment.type === "payment.succeeded") {
    await sns.send(new PublishCommand({
      TopicArn: process.env.EVENTS_TOPIC_ARN,
      Message: JSON.stringify({ orderId: payment.orderId, status: "PAID" }),
    }));
  }
  return { statusCode: 204 };
};
