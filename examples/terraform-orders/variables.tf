variable "stage" {
  description = "Deployment stage: dev, staging or prod."
  default     = "dev"
}

variable "log_retention_days" {
  default = 30
}
