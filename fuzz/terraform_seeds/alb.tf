resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = "arn:aws:iam::123456789012:role/api"
  runtime       = "python3.12"
  handler       = "app.handler"
}
resource "aws_lb" "public" { internal = var.internal }
resource "aws_lb_target_group" "tg" { target_type = "lambda" }
resource "aws_alb_target_group_attachment" "a" {
  target_group_arn = aws_lb_target_group.tg.arn
  target_id        = aws_lambda_function.api.arn
}
resource "aws_lb_listener" "l" {
  load_balancer_arn = aws_lb.public.arn
  default_action {
    type = "forward"
    forward {
      target_group { arn = aws_lb_target_group.tg.arn }
    }
  }
}
resource "aws_lb_listener_rule" "r" {
  listener_arn = aws_lb_listener.l.arn
  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.tg.arn
  }
}
