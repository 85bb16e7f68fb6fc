# The orders application as a Terraform root module: an HTTP API, a queue
# worker and a payment webhook. It deploys, and it has the problems fnwarden
# looks for (see README.md). Scan it with: fnwarden scan examples/terraform-orders
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 5.0" }
  }
}

provider "aws" {
  region = "eu-west-1"
}

locals {
  name = "orders-${var.stage}"
}

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

data "aws_ssm_parameter" "payment_api_key" {
  name = "/orders/${var.stage}/payment-api-key"
}

resource "aws_dynamodb_table" "orders" {
  name         = local.name
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
  attribute {
    name = "id"
    type = "S"
  }
}

resource "aws_sqs_queue" "orders" {
  name = local.name
  # Shorter than the worker's timeout: messages are processed twice.
  visibility_timeout_seconds = 30
}

# One execution role for all three functions.
resource "aws_iam_role" "exec" {
  name = "${local.name}-exec"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy_attachment" "logs" {
  role       = aws_iam_role.exec.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}

resource "aws_iam_role_policy" "data" {
  name = "data"
  role = aws_iam_role.exec.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      # Every function can do anything to every table.
      { Effect = "Allow", Action = "dynamodb:*", Resource = "*" },
      { Effect = "Allow", Action = ["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage",
        "sqs:GetQueueAttributes"], Resource = aws_sqs_queue.orders.arn },
    ]
  })
}

module "api" {
  source             = "./modules/function"
  name               = "${local.name}-api"
  handler            = "api.handler"
  role_arn           = aws_iam_role.exec.arn
  timeout            = 10
  log_retention_days = var.log_retention_days
  environment        = { TABLE_NAME = aws_dynamodb_table.orders.name }
}

module "worker" {
  source             = "./modules/function"
  name               = "${local.name}-worker"
  handler            = "worker.handler"
  role_arn           = aws_iam_role.exec.arn
  timeout            = 60
  log_retention_days = var.log_retention_days
  environment        = { TABLE_NAME = aws_dynamodb_table.orders.name }
}

module "webhook" {
  source             = "./modules/function"
  name               = "${local.name}-webhook"
  handler            = "webhook.handler"
  role_arn           = aws_iam_role.exec.arn
  timeout            = 10
  log_retention_days = var.log_retention_days
  environment = {
    # A signing secret in plain text.
    SIGNING_SECRET = "whsec_8f2b1c9d4e7a6b3c5d0e1f2a3b4c5d6e"
    # Read from SSM at deploy time: unknown here, never reported.
    PAYMENT_API_KEY = data.aws_ssm_parameter.payment_api_key.value
  }
}

resource "aws_lambda_event_source_mapping" "worker" {
  event_source_arn = aws_sqs_queue.orders.arn
  function_name    = module.worker.function_name
  batch_size       = 10
}

# A public URL for the payment provider's webhook.
resource "aws_lambda_function_url" "webhook" {
  function_name      = module.webhook.function_name
  authorization_type = "NONE"
}

resource "aws_lambda_permission" "webhook_url" {
  statement_id           = "PublicUrl"
  action                 = "lambda:InvokeFunctionUrl"
  function_name          = module.webhook.function_name
  principal              = "*"
  function_url_auth_type = "NONE"
}

resource "aws_apigatewayv2_api" "http" {
  name          = local.name
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_integration" "api" {
  api_id                 = aws_apigatewayv2_api.http.id
  integration_type       = "AWS_PROXY"
  integration_uri        = module.api.invoke_arn
  payload_format_version = "2.0"
}

# No authorizer: anyone on the internet can list and create orders.
resource "aws_apigatewayv2_route" "orders" {
  for_each  = toset(["GET /orders", "POST /orders"])
  api_id    = aws_apigatewayv2_api.http.id
  route_key = each.key
  target    = "integrations/${aws_apigatewayv2_integration.api.id}"
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = "$default"
  auto_deploy = true
}

resource "aws_lambda_permission" "api" {
  statement_id  = "HttpApi"
  action        = "lambda:InvokeFunction"
  function_name = module.api.function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.http.execution_arn}/*/*"
}
