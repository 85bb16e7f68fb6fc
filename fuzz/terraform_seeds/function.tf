variable "names" { default = ["orders", "billing"] }
variable "stage" { default = "prod" }
locals {
  prefix = "app-${var.stage}"
  cycle  = local.prefix
}
data "aws_caller_identity" "me" {}
data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}
data "aws_iam_policy_document" "access" {
  dynamic "statement" {
    for_each = toset(var.names)
    content {
      actions   = ["dynamodb:*"]
      resources = [aws_dynamodb_table.t[statement.key].arn]
      condition {
        test     = "StringEquals"
        variable = "aws:SourceAccount"
        values   = [data.aws_caller_identity.me.account_id]
      }
    }
  }
}
resource "aws_iam_role" "exec" {
  name               = "${local.prefix}-exec"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}
resource "aws_iam_role_policy" "access" {
  role   = aws_iam_role.exec.id
  policy = data.aws_iam_policy_document.access.json
}
resource "aws_iam_role_policy_attachment" "admin" {
  role       = aws_iam_role.exec.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
resource "aws_dynamodb_table" "t" {
  for_each = toset(var.names)
  name     = "${local.prefix}-${each.key}"
  server_side_encryption { enabled = true }
}
resource "aws_lambda_function" "fn" {
  count         = length(var.names)
  function_name = "${local.prefix}-${var.names[count.index]}"
  role          = aws_iam_role.exec.arn
  runtime       = "python3.8"
  handler       = "app.handler"
  environment {
    variables = { TABLE = aws_dynamodb_table.t[var.names[count.index]].name, KEY = "AKIAABCDEFGHIJKLMNOP" }
  }
}
resource "aws_lambda_function_url" "url" {
  function_name      = aws_lambda_function.fn[0].function_name
  authorization_type = "NONE"
}
resource "aws_lambda_permission" "public" {
  action        = "lambda:InvokeFunctionUrl"
  function_name = aws_lambda_function.fn[0].function_name
  principal     = "*"
}
