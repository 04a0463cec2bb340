"""The pathway search: routes from a person's starting point to battery-industry occupations, its page, graph and API."""
