0'use strict';
const AWS = require('aws-sdk');
const s3 = new AWS.S3();
const ddb = new AWS.DynamoDB.DocumentClient();
const TABLE = process.env.TABLE || 'orders';
const { QUEUE_URL } = process.env;

exports.handler = async (event) => {
  const obj = await s3.getObject({ Bucket: 'in', Key: event.key }).promise();
  await ddb.put({ TableName: TABLE, Item: { id: event.id } }).promise();
  new AWS.SQS().sendMessage({ QueueUrl: QUEUE_URL, MessageBody: '' }, (err) => {});
  await s3[event.op](event.params).promise();
  const svc = new AWS[event.service]();
  return helper(obj);
};

function helper(x) { return ddb.executeStatement({ Statement: `SELECT * FROM t` }).promise(); }
module.exports.other = helper;
module.exports = { handler: exports.handler, main: helper };
