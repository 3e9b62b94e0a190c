"""Computer vision on the working image: the face and person models and what they measure."""
