resource "aws_s3_bucket" "data" { bucket = "data-${var.env}" }
variable "env" { default = "dev" }
resource "aws_s3_bucket_server_side_encryption_configuration" "data" {
  bucket = aws_s3_bucket.data.id
  rule {
    apply_server_side_encryption_by_default { sse_algorithm = "aws:kms" }
  }
}
resource "aws_s3_bucket_public_access_block" "data" {
  bucket                  = aws_s3_bucket.data.id
  block_public_acls       = true
  block_public_policy     = false
}
resource "aws_s3_bucket_policy" "data" {
  bucket = aws_s3_bucket.data.id
  policy = <<EOF
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*",
 "Action": "s3:GetObject", "Resource": "${aws_s3_bucket.data.arn}/*"}]}
EOF
}
resource "aws_sqs_queue" "q" {
  name           = "q"
  redrive_policy = jsonencode({ deadLetterTargetArn = aws_sqs_queue.dlq.arn, maxReceiveCount = 3 })
}
resource "aws_sqs_queue" "dlq" { name = try(jsondecode("{}").x, "dlq") }
resource "aws_apigatewayv2_api" "http" {
  name          = "http"
  protocol_type = "HTTP"
}
resource "aws_apigatewayv2_route" "r" {
  api_id    = aws_apigatewayv2_api.http.id
  route_key = "GET /${join("/", [for s in split(",", "a,b") : s])}"
  target    = "integrations/${aws_apigatewayv2_integration.i.id}"
}
resource "aws_apigatewayv2_integration" "i" {
  api_id           = aws_apigatewayv2_api.http.id
  integration_type = "AWS_PROXY"
  integration_uri  = aws_lambda_function.f.invoke_arn
}
module "local" {
  source = "./modules/x"
}
