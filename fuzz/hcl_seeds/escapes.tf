x = "$${a} \u00e9 ${~ b ~}"
y = <<EOF
${c}
EOF
