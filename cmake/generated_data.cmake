# Data generated at build time from pinned npm packages and from data/.
# Sets FNWARDEN_LOAD_GENERATED to the generated sources of the load layer.
set(FNWARDEN_LOAD_GENERATED "")
