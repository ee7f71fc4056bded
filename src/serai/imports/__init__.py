"""Moving in: WordPress and Disqus exports imported, old addresses redirected to the new ones."""
