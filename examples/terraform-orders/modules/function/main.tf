# One function of the orders application, its code packaged from src/, and
# its log group.
variable "name" {}
variable "handler" {}
variable "role_arn" {}
variable "timeout" { default = 10 }
variable "log_retention_days" { default = 30 }
variable "environment" { default = {} }

data "archive_file" "code" {
  type        = "zip"
  source_dir  = "${path.root}/src"
  output_path = "${path.root}/build/${var.name}.zip"
}

resource "aws_lambda_function" "this" {
  function_name    = var.name
  runtime          = "python3.12"
  handler          = var.handler
  role             = var.role_arn
  timeout          = var.timeout
  filename         = data.archive_file.code.output_path
  source_code_hash = data.archive_file.code.output_base64sha256
  environment {
    variables = var.environment
  }
}

resource "aws_cloudwatch_log_group" "this" {
  name              = "/aws/lambda/${var.name}"
  retention_in_days = var.log_retention_days
}

output "function_name" { value = aws_lambda_function.this.function_name }
output "arn" { value = aws_lambda_function.this.arn }
output "invoke_arn" { value = aws_lambda_function.this.invoke_arn }
