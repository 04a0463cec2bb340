"""Who runs the portal and how it treats its visitors: the About page (the partnership's organisations, entered in
the admin), the privacy notice and the accessibility statement."""
