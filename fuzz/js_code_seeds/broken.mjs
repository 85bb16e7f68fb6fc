0import AWS from 'aws-sdk';
const s3 = new AWS.S3(;
export const handler = async (event) => {
  await s3.putObject({ Bucket: 'b', Key: 'k' }).promise(
  if (event.x {
};
