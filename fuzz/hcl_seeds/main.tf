# Every construct of the native syntax, once.
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 5.0" }
  }
}

variable "names" {
  type    = list(string)
  default = ["a", "b"]
}

locals {
  tags   = merge(var.tags, { Name = "${var.prefix}-fn" })
  upper  = [for n in var.names : upper(n) if n != ""]
  byname = { for k, v in var.map : k => v... }
  flag   = !var.off && (var.count + 1) * 2 >= 4 || var.x == null ? "y" : "n"
  ids    = aws_subnet.private[*].id
  legacy = aws_instance.web.*.id
  first  = aws_subnet.a.0.id
  parsed = provider::aws::arn_parse(var.arn)
}

resource "aws_iam_role_policy" "p" {
  role   = aws_iam_role.r.id
  policy = <<-EOT
    {
      "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "${aws_s3_bucket.b.arn}/*"}]
    }
    EOT
}

resource "aws_lambda_function" "fn" {
  for_each      = toset(var.names)
  function_name = "fn-${each.key}"
  role          = aws_iam_role.r.arn
  handler       = "app.handler" // trailing comment
  /* block
     comment */
  environment {
    variables = {
      MODE = "%{if var.prod}prod%{else}dev%{endif}"
      LIST = "%{for i, n in var.names}${i}=${n},%{endfor}"
    }
  }
  dynamic "vpc_config" {
    for_each = var.vpc == null ? [] : [var.vpc]
    content { subnet_ids = vpc_config.value.subnets }
  }
}
