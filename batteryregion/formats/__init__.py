"""The portal's own date formats where Django's locale differs from how the language is written here
(FORMAT_MODULE_PATH). Finnish and Swedish use Django's formats as they are."""
