// Orders service: one Lambda handler.
module example.com/orders

go 1.22.0

toolchain go1.22.3

require (
	github.com/aws/aws-lambda-go v1.46.0
	github.com/aws/aws-sdk-go-v2/config v1.27.5
	golang.org/x/net v0.17.0
	example.com/shared v0.0.0-00010101000000-000000000000
)

require (
	github.com/aws/aws-sdk-go-v2 v1.25.2 // indirect
	github.com/jmespath/go-jmespath v0.4.0 // indirect
	gopkg.in/yaml.v3 v3.0.1 // indirect; needed by tests
)

require "github.com/google/uuid" v1.6.0

replace golang.org/x/net => golang.org/x/net v0.23.0

replace example.com/shared => ../shared

replace github.com/jmespath/go-jmespath v0.4.0 => github.com/example/go-jmespath v0.4.1-fix

exclude github.com/aws/aws-lambda-go v1.45.0

retract (
	v1.0.0 // published by mistake
	[v1.1.0, v1.1.5]
)
